// The few rules of the French core guide (hl7.fhir.fr.core 1.1.0) that the ANS SAS guide
// relies on, stated BY HAND: that package is not reachable from our machines, so these
// stand in for it when the SAS guide is compiled for the validator. They are not fr-core:
// each profile has fr-core's canonical URL and name, derives from the R4 resource, and
// carries only what the SAS profiles build on: their parents, FrSlot's binding of
// specialty to the practitioner specialties (which FrSlotAgregateur makes required; without
// it the base c80-practice-codes binding would apply), and FrAppointment's
// appointmentOperator extension. Everything else fr-core says is left unchecked here.

Profile: FrSlot
Parent: Slot
Id: fr-core-slot
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-slot"
* specialty from FRCoreValueSetPractitionerSpecialty (required)

// fr-core's value set gathers several ANS nomenclatures; the SAS guide uses the ordinal
// specialties (TRE_R38) only.
ValueSet: FRCoreValueSetPractitionerSpecialty
Id: fr-core-vs-practitioner-specialty
* ^url = "https://hl7.fr/ig/fhir/core/ValueSet/fr-core-vs-practitioner-specialty"
* include codes from system https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale

Profile: FrSchedule
Parent: Schedule
Id: fr-core-schedule
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-schedule"

Profile: FrPractitioner
Parent: Practitioner
Id: fr-core-practitioner
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-practitioner"

Profile: FrPractitionerRoleExercice
Parent: PractitionerRole
Id: fr-core-practitioner-role-exercice
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-practitioner-role-exercice"

Profile: FrLocation
Parent: Location
Id: fr-core-location
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-location"

Profile: FrOrganization
Parent: Organization
Id: fr-core-organization
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-organization"

Profile: FrHealthcareService
Parent: HealthcareService
Id: fr-core-healthcare-service
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-healthcare-service"

Extension: FrAppointmentOperator
Id: fr-core-appointment-operator
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-appointment-operator"
* ^context.type = #element
* ^context.expression = "Appointment"
* value[x] only Reference(Practitioner or PractitionerRole or RelatedPerson or Patient or Device)

Profile: FrAppointment
Parent: Appointment
Id: fr-core-appointment
* ^url = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-appointment"
* extension contains FrAppointmentOperator named appointmentOperator 0..1
