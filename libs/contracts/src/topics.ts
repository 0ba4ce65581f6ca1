/**
 * Kafka topics. One topic per aggregate and major version, so that all events of one
 * aggregate share a partition key and stay in order. Naming: `sas.<producer>.<aggregate>.v<major>`.
 */
export const Topics = {
  slots: 'sas.scheduling.slot.v1',
  appointments: 'sas.scheduling.appointment.v1',
  directory: 'sas.scheduling.directory.v1',
  cases: 'sas.orientation.case.v1',
  regulators: 'sas.orientation.regulator.v1',
  indicators: 'sas.indicators.daily.v1',
} as const;

/** Dead-letter topic of one consuming service: what it could not process, with the reason in headers. */
export function deadLetterTopic(consumerService: string): string {
  return `sas.${consumerService}.dead-letter.v1`;
}
