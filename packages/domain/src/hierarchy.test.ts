import { describe, expect, it } from 'vitest';
import {
  createFocusArea,
  createMeasure,
  createObjective,
  createOutcome,
  listFocusAreas,
  listOutcomes,
  updateOutcome,
  createStrategy,
  listObjectives,
  listStrategies,
  readFocusArea,
  updateFocusArea,
  updateObjective,
  updateStrategy,
} from './index.js';
import { expectDomainError, seededDoc } from './test/helpers.js';

describe('goal hierarchy', () => {
  it('edits focus areas, delmål and strategies', () => {
    const doc = seededDoc();
    updateFocusArea(doc, 'fa-4', { description: 'Ny beskrivelse' });
    expect(readFocusArea(doc, 'fa-4')).toMatchObject({
      title: 'Reiseliv',
      description: 'Ny beskrivelse',
    });
    const obj = createObjective(doc, { focusAreaId: 'fa-4', code: '4.2', title: 'Nytt delmål' });
    expect(listObjectives(doc, 'fa-4').map((o) => o.id)).toEqual(['obj-4', obj]);
    updateObjective(doc, obj, { title: 'Endret delmål' });
    const str = createStrategy(doc, { objectiveId: obj, title: 'Ny strategi' });
    updateStrategy(doc, str, { description: '– punkt' });
    expect(listStrategies(doc, obj)).toMatchObject([
      { id: str, title: 'Ny strategi', description: '– punkt' },
    ]);
    expect(listObjectives(doc).at(-1)!.title).toBe('Endret delmål');
  });

  it('lists all delmål and strategies grouped in agreement order', () => {
    const doc = seededDoc();
    expect(
      listStrategies(doc)
        .map((s) => s.id)
        .slice(0, 5),
    ).toEqual(['str-1.1-1', 'str-1.1-2', 'str-1.1-3', 'str-1.1-4', 'str-1.2-1']);
  });

  it('adds focus areas and long-term results for agreements beyond the seed', () => {
    const doc = seededDoc();
    const fa = createFocusArea(doc, { number: '5', title: 'Kultur', description: 'Nytt område' });
    expect(listFocusAreas(doc).at(-1)).toMatchObject({ id: fa, number: '5', title: 'Kultur' });
    createMeasure(doc, { focusAreaId: fa, columnId: 'col-idea', title: 'Første tiltak' });
    const out = createOutcome(doc, { title: 'Flere kulturarenaer' });
    expect(listOutcomes(doc).at(-1)).toMatchObject({ id: out, number: '15' });
    updateOutcome(doc, out, { title: 'Flere møteplasser' });
    expect(listOutcomes(doc).at(-1)!.title).toBe('Flere møteplasser');
    expectDomainError(doc, 'conflict', () =>
      createFocusArea(doc, { number: '1', title: 'X', id: 'fa-1' }),
    );
    expectDomainError(doc, 'not_found', () => updateOutcome(doc, 'out-99', { title: 'X' }));
  });

  it('validates and answers not_found', () => {
    const doc = seededDoc();
    expectDomainError(doc, 'invalid', () => updateFocusArea(doc, 'fa-1', { title: ' ' }));
    expectDomainError(doc, 'not_found', () => updateFocusArea(doc, 'fa-9', { title: 'X' }));
    expectDomainError(doc, 'not_found', () =>
      createObjective(doc, { focusAreaId: 'fa-9', code: '9', title: 'X' }),
    );
    expectDomainError(doc, 'not_found', () =>
      createStrategy(doc, { objectiveId: 'obj-9', title: 'X' }),
    );
    expectDomainError(doc, 'not_found', () => updateStrategy(doc, 'str-x', { title: 'X' }));
  });
});
