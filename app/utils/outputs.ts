/**
 * Labels for research outputs, and the licences a tool, dataset or model may declare: common SPDX licence ids
 * (https://spdx.org/licenses/), with their full names for the admin form and
 * the public page. Not a .server module: the form's schema uses it in the browser.
 */
export const SPDX_LICENSES = {
  "Apache-2.0": "Apache License 2.0",
  MIT: "MIT License",
  "BSD-2-Clause": 'BSD 2-Clause "Simplified" License',
  "BSD-3-Clause": 'BSD 3-Clause "New" or "Revised" License',
  ISC: "ISC License",
  "MPL-2.0": "Mozilla Public License 2.0",
  "EPL-2.0": "Eclipse Public License 2.0",
  "GPL-2.0-only": "GNU General Public License v2.0 only",
  "GPL-2.0-or-later": "GNU General Public License v2.0 or later",
  "GPL-3.0-only": "GNU General Public License v3.0 only",
  "GPL-3.0-or-later": "GNU General Public License v3.0 or later",
  "LGPL-2.1-only": "GNU Lesser General Public License v2.1 only",
  "LGPL-2.1-or-later": "GNU Lesser General Public License v2.1 or later",
  "LGPL-3.0-only": "GNU Lesser General Public License v3.0 only",
  "LGPL-3.0-or-later": "GNU Lesser General Public License v3.0 or later",
  "AGPL-3.0-only": "GNU Affero General Public License v3.0 only",
  "AGPL-3.0-or-later": "GNU Affero General Public License v3.0 or later",
  "BSL-1.0": "Boost Software License 1.0",
  Unlicense: "The Unlicense",
  Zlib: "zlib License",
  "Artistic-2.0": "Artistic License 2.0",
  "CC0-1.0": "Creative Commons Zero v1.0 Universal",
  "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
  "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
  "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
  "CC-BY-NC-SA-4.0": "Creative Commons Attribution Non Commercial Share Alike 4.0 International",
  "ODbL-1.0": "Open Data Commons Open Database License v1.0",
  "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
  "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
  "CDLA-Permissive-2.0": "Community Data License Agreement Permissive 2.0",
  "CDLA-Sharing-1.0": "Community Data License Agreement Sharing 1.0",
} as const;

export type SpdxId = keyof typeof SPDX_LICENSES;
export const SPDX_IDS = Object.keys(SPDX_LICENSES) as [SpdxId, ...SpdxId[]];

export function isSpdxId(value: string): value is SpdxId {
  return Object.hasOwn(SPDX_LICENSES, value);
}

/** The licence's page on spdx.org. */
export function spdxUrl(id: SpdxId): string {
  return `https://spdx.org/licenses/${id}.html`;
}

export const TOOL_KIND_LABELS = {
  dataset: "Dataset",
  model: "Model",
  library: "SDK / library",
  api: "API",
  service: "Service",
} as const;

export const PUBLICATION_TYPE_LABELS = {
  article: "Journal article",
  inproceedings: "Conference paper",
  preprint: "Preprint",
  book: "Book",
  thesis: "Thesis",
  report: "Technical report",
  other: "Other",
} as const;

/** OpenStreetMap directions to a point (the visitor picks where from). */
export function directionsUrl(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/directions?route=%3B${latitude}%2C${longitude}#map=15/${latitude}/${longitude}`;
}
