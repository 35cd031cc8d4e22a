// The embedded dataset, read the way the app counts it, for expectations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

export const dataset = JSON.parse(readFileSync(join(ROOT, 'data', 'dataset.json'), 'utf8'));

export const inScope = dataset.regions.filter((r) => r.in_scope);

export function projectsOfRegion(id) {
  return dataset.projects.filter((p) => p.regions.includes(id));
}

/** A CSO counts for a region when it leads or partners a project there. */
export function csosOfRegion(id) {
  const ids = new Set();
  for (const p of projectsOfRegion(id)) {
    ids.add(p.lead);
    for (const o of p.partners) ids.add(o);
  }
  return ids;
}
