import { Bundle, BundleEntry, Resource } from './fhir-types';
import { SosMatch } from './fhir-sos-search.service';
import { pageLinks } from './slot-search-bundle';
import { sosLocationResource, sosOrganizationResource, SosProfiles, sosScheduleResource, sosSlotResource } from './sos-resources';
import { SosSearch } from './sos-search-params';

/**
 * The guide's SOS Médecins `searchset`: the matching Schedules (one per place of
 * consultation) and, as asked, their free Slots, Locations and associations (Organization).
 * `total` counts the Schedules, the resource searched.
 */
export function toSosBundle(page: SosMatch[], total: number, search: SosSearch, baseUrl: string): Bundle {
  const entries: BundleEntry[] = [];
  const seen = new Set<string>();
  const add = (resource: Resource, mode: 'match' | 'include') => {
    const key = `${resource.resourceType}/${resource.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ fullUrl: `${baseUrl}/${key}`, resource, search: { mode } });
  };
  for (const { place, slots } of page) {
    add(sosScheduleResource(place), 'match');
    if (search.includeSlots) slots.forEach((slot) => add(sosSlotResource(slot, place), 'include'));
    if (search.includeLocations) add(sosLocationResource(place), 'include');
    if (search.includeLocations && search.includeOrganizations) add(sosOrganizationResource(place), 'include');
  }
  return {
    resourceType: 'Bundle',
    meta: { profile: [SosProfiles.bundle] },
    type: 'searchset',
    total,
    link: pageLinks(`${baseUrl}/Schedule`, search, total),
    ...(entries.length && { entry: entries }),
  };
}
