import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { forgetOffline, rememberedOffline, rememberOffline, withOfflineCopy } from './offlineCopy';

const offline = () => Promise.reject(new ApiError(0, 'network', 'Failed to fetch'));

describe('withOfflineCopy', () => {
  beforeEach(() => {
    forgetOffline();
    localStorage.setItem('other-app', 'kept');
  });

  it('remembers what the server said and answers with it when there is no network', async () => {
    expect(
      await withOfflineCopy('agreement:a', async () => ({ title: 'Avtale', role: 'editor' })),
    ).toEqual({
      title: 'Avtale',
      role: 'editor',
    });
    expect(await withOfflineCopy('agreement:a', offline)).toEqual({
      title: 'Avtale',
      role: 'editor',
    });
  });

  it('fails offline when nothing was remembered, and never hides an answer of the server', async () => {
    await expect(withOfflineCopy('agreement:b', offline)).rejects.toMatchObject({ status: 0 });
    rememberOffline('agreement:b', { title: 'B' });
    const forbidden = () => Promise.reject(new ApiError(403, 'forbidden', 'no'));
    await expect(withOfflineCopy('agreement:b', forbidden)).rejects.toMatchObject({ status: 403 });
  });

  it('forgets only its own entries', () => {
    rememberOffline('me', { id: 'u-1' });
    forgetOffline();
    expect(rememberedOffline('me')).toBeUndefined();
    expect(localStorage.getItem('other-app')).toBe('kept');
  });
});
