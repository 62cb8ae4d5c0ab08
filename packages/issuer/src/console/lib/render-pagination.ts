import { html, type SafeHtml } from '@staff-passport/web-kit';

const ARROW_LEFT =
  'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z';
const ARROW_RIGHT =
  'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z';

function arrow(path: string, name: string): SafeHtml {
  return html`<svg class="nhsuk-icon nhsuk-icon--${name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="${path}"/></svg>`;
}

/** A page link: where it goes, and what that page holds. */
export interface PaginationLink {
  href: string;
  label: string;
}

/** The links of {@link renderPagination}; a link left out is not shown. */
export interface PaginationLinks {
  /** The page before (newer entries), labelled "Previous". */
  previous?: PaginationLink;
  /** The page after (older entries), labelled "Next". */
  next?: PaginationLink;
}

// The template's two links differ only in these.
const DIRECTIONS = {
  previous: { rel: 'prev', title: 'Previous', arrowPath: ARROW_LEFT, arrowName: 'arrow-left' },
  next: { rel: 'next', title: 'Next', arrowPath: ARROW_RIGHT, arrowName: 'arrow-right' },
} as const;

function paginationItem(direction: keyof typeof DIRECTIONS, link: PaginationLink | undefined): SafeHtml | '' {
  if (!link) return '';
  const { rel, title, arrowPath, arrowName } = DIRECTIONS[direction];
  return html`<li class="nhsuk-pagination-item--${direction}">
      <a class="nhsuk-pagination__link nhsuk-pagination__link--${rel}" href="${link.href}" rel="${rel}">
        <span class="nhsuk-pagination__title">${title}<span class="nhsuk-u-visually-hidden"> page</span></span>
        <span class="nhsuk-u-visually-hidden">:</span>
        <span class="nhsuk-pagination__page">${link.label}</span>
        ${arrow(arrowPath, arrowName)}
      </a>
    </li>`;
}

/**
 * The NHS.UK pagination component (previous and next only, as its template renders them without
 * numbered pages), with a label saying what each page holds. Nothing when there is no other page.
 *
 * @example
 * renderPagination({ next: { href: '/console/audit?before=40', label: 'Older entries' } });
 */
export function renderPagination(links: PaginationLinks): SafeHtml {
  if (!links.previous && !links.next) return html``;
  return html`<nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
  <ul class="nhsuk-list nhsuk-pagination__list">
    ${paginationItem('previous', links.previous)}
    ${paginationItem('next', links.next)}
  </ul>
</nav>`;
}

/**
 * A console URL with query parameters, empty values left out.
 *
 * @example
 * consoleHref('/console/credentials', { type: 'DbsCheck', before: undefined }); // '/console/credentials?type=DbsCheck'
 */
export function consoleHref(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
