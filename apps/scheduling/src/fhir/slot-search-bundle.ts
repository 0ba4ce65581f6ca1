import { CptsProfiles, cptsHealthcareServiceResource, cptsOrganizationResource } from './cpts-resources';
import { Bundle, BundleEntry, Practitioner, PractitionerRole, Resource, Schedule, Slot } from './fhir-types';
import { practitionerResource, practitionerRoleResource, scheduleResource, slotResource, SlotView } from './resource-mappings';
import { Profiles } from './sas-codes';
import { SlotSearch } from './slot-search-params';

export type { SlotView } from './resource-mappings';

/**
 * The guide's `searchset` Bundle for one page of matches: the page's Slots and (when
 * included) one Schedule per place of consultation, its Practitioner and a PractitionerRole
 * with the place as a contained Location. `total` counts every match; the self link echoes
 * only the parameters the search used, and `next`/`previous` page through `_count`.
 */
export function toSearchsetBundle(page: SlotView[], total: number, search: SlotSearch, baseUrl: string): Bundle {
  const entries: BundleEntry[] = [];
  const included = new Set<string>();
  const add = (resource: Slot | Schedule | Practitioner | PractitionerRole | Resource, mode: 'match' | 'include') => {
    const key = `${resource.resourceType}/${resource.id}`;
    if (mode === 'include' && included.has(key)) return;
    included.add(key);
    entries.push({ fullUrl: `${baseUrl}/${key}`, resource, search: { mode } });
  };
  for (const view of page) {
    add(slotResource(view), 'match');
    if (search.includeServices) {
      for (const cpts of view.slot.cpts) {
        add(cptsHealthcareServiceResource(cpts), 'include');
        if (search.includeOrganizations) add(cptsOrganizationResource(cpts), 'include');
      }
    }
    if (!search.includeSchedule) continue;
    add(scheduleResource(view), 'include');
    if (!search.includeActors) continue;
    add(practitionerResource(view), 'include');
    add(practitionerRoleResource(view), 'include');
  }
  return {
    resourceType: 'Bundle',
    // The CPTS Bundle profile asks for at least one CPTS slot: claimed when the page has one.
    meta: { profile: [search.includeServices && page.some((v) => v.slot.cpts.length) ? CptsProfiles.bundle : Profiles.bundle] },
    type: 'searchset',
    total,
    link: pageLinks(`${baseUrl}/Slot`, search, total),
    ...(entries.length && { entry: entries }),
  };
}

/** The self link (the parameters used, and the page's offset) and the next and previous pages of `_count`. */
export function pageLinks(
  searchUrl: string,
  search: { used: [string, string][]; count?: number; offset: number },
  total: number,
) {
  const url = (offset: number) => {
    const params = new URLSearchParams(search.used);
    if (offset > 0) params.set('_offset', String(offset));
    return `${searchUrl}?${params.toString()}`;
  };
  const links = [{ relation: 'self', url: url(search.offset) }];
  if (search.count !== undefined && search.count > 0) {
    if (search.offset + search.count < total) links.push({ relation: 'next', url: url(search.offset + search.count) });
    if (search.offset > 0) links.push({ relation: 'previous', url: url(Math.max(0, search.offset - search.count)) });
  }
  return links;
}
