import { afterEach, describe, it } from 'vitest';
import { addUser, synced, TestContext, until } from './harness.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

describe('sync with the stock y-websocket provider', () => {
  it('two providers exchange edits', async () => {
    const server = await ctx.start();
    const a = addUser(server, 'alpha');
    const b = addUser(server, 'alpha');
    const pa = ctx.provider(server, 'alpha', a);
    const pb = ctx.provider(server, 'alpha', b);
    await synced(pa);
    await synced(pb);
    pa.doc.getMap('m').set('x', 1);
    await until(() => pb.doc.getMap('m').get('x') === 1);
    pb.doc.getText('t').insert(0, 'hei');
    await until(() => pa.doc.getText('t').toString() === 'hei');
  });
});
