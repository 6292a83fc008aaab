import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BoardPage } from '../board/BoardPage';
import { useFilters } from '../filters/filterStore';
import { EMPTY_FILTERS } from '../filters/filters';
import { renderInAgreement } from '../test/harness';
import { NotFoundPage } from './NotFoundPage';
import { pageTitle } from './usePageTitle';

describe('page titles (WCAG 2.4.2)', () => {
  it('puts the most specific part first and the app last, skipping parts not known yet', () => {
    expect(pageTitle(['Befolkningsutvikling', undefined, '  ', 'Tromsvekstavtalen'], 'Tavla')).toBe(
      'Befolkningsutvikling – Tromsvekstavtalen – Tavla',
    );
    expect(pageTitle([], 'Tavla')).toBe('Tavla');
  });

  it('names a board by its focus area and agreement, and gives the title back when it closes', () => {
    useFilters.setState({ filters: EMPTY_FILTERS });
    const { unmount } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    expect(document.title).toMatch(/^Befolkningsutvikling – Tromsvekstavtalen.* – Tavla$/);
    unmount();
    expect(document.title).toBe('Tavla');
  });

  it('says a focus area is not found, and leads back to its agreement rather than the front page', () => {
    useFilters.setState({ filters: EMPTY_FILTERS });
    renderInAgreement(<BoardPage focusAreaId="fa-99" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Fant ikke siden');
    expect(screen.getByText('Fant ikke innsatsområdet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tilbake til avtalen' }).getAttribute('href')).toMatch(
      /\/a\/tromsvekstavtalen$/,
    );
    expect(document.title).toBe('Fant ikke siden – Tavla');
  });

  it('calls an unknown address "not found", not "something went wrong"', () => {
    render(<NotFoundPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Fant ikke siden');
    expect(screen.queryByText('Noe gikk galt')).toBeNull();
    expect(screen.getByRole('link', { name: 'Til forsiden' }).getAttribute('href')).toBe('/');
    expect(document.title).toBe('Fant ikke siden – Tavla');
  });
});
