// French labels and fr-FR formats of the figures the dashboard shows.

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const LABELS = {
  snp_requests: 'Demandes de SNP',
  snp_consultations_booked: 'Consultations réservées',
  snp_consultations_honoured: 'Consultations honorées',
  snp_consultations_no_show: 'Rendez-vous non honorés',
  response_rate: 'Taux de réponse',
  no_show_rate: 'Taux de rendez-vous non honorés',
  orientations_no_solution: 'Sans solution',
  orientations_total: 'Orientations',
  delay_call_to_appointment_median_minutes: 'Délai appel → RDV (médiane)',
  delay_call_to_appointment_p90_minutes: 'Délai appel → RDV (90e centile)',
  share_appointments_within_24h: 'RDV sous 24 h',
  share_appointments_within_48h: 'RDV sous 48 h',
  practitioners_publishing_snp: 'Effecteurs publiant des créneaux SNP',
  practitioners_at_weekly_cap: 'Effecteurs au plafond de 20 par semaine',
  snp_hours_published: 'Heures SNP publiées',
  snp_hours_per_10k: 'Heures SNP pour 10 000 habitants',
  participating_practitioners_per_10k: 'Effecteurs participants pour 10 000 habitants',
};

export const OUTCOME_LABELS = {
  'medical-advice': 'Conseil médical',
  teleconsultation: 'Téléconsultation',
  'treating-doctor': 'Médecin traitant',
  'snp-consultation': 'Consultation SNP',
  'sos-medecins': 'SOS Médecins',
  'maison-medicale-de-garde': 'Maison médicale de garde',
  'beyond-published-slots': 'En sus des disponibilités',
  marketplace: 'Place de marché',
  pharmacy: 'Pharmacie',
  'other-profession': 'Autre profession',
  'emergency-department': 'Urgences',
  smur: 'SMUR',
  ambulance: 'Transport sanitaire',
  'no-solution': 'Sans solution',
};

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** How a figure of this name reads: a rate, a delay in minutes, or a count. */
export function kindOf(name) {
  if (/rate$|^share_/.test(name)) return 'ratio';
  if (/_minutes$/.test(name)) return 'minutes';
  if (/per_10k$|_mean$|hours/.test(name)) return 'decimal';
  return 'count';
}

export function formatValue(name, value) {
  if (value === null || value === undefined) return '—';
  switch (kindOf(name)) {
    case 'ratio':
      return percent.format(value);
    case 'minutes':
      return formatMinutes(value);
    case 'decimal':
      return decimal.format(value);
    default:
      return integer.format(value);
  }
}

export function formatMinutes(minutes) {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return hours ? `${integer.format(hours)} h ${String(rest).padStart(2, '0')}` : `${rest} min`;
}

/** The change against the previous period: points for rates, units and percent otherwise. */
export function formatChange(name, current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return 'pas de comparaison';
  const delta = current - previous;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const kind = kindOf(name);
  if (kind === 'ratio') return `${sign}${decimal.format(Math.abs(delta) * 100)} pts`;
  if (kind === 'minutes') return `${sign}${formatMinutes(Math.abs(delta))}`;
  const relative = previous ? ` (${sign}${decimal.format(Math.abs(delta / previous) * 100)} %)` : '';
  return `${sign}${(kind === 'decimal' ? decimal : integer).format(Math.abs(delta))}${relative}`;
}

export const formatInteger = (n) => integer.format(n);
export const formatDecimal = (n) => decimal.format(n);
export const formatDate = (iso) => longDate.format(new Date(`${iso}T00:00:00Z`));
export const formatShortDate = (iso) => shortDate.format(new Date(`${iso}T00:00:00Z`));
export const formatMonth = (iso) => monthName.format(new Date(`${iso}T00:00:00Z`));
