ValueSet: AppointmentParticipantTypeSAS
Id: sas-valueset-appointmentparticipanttype
Title: "Appointment Participant Type SAS"
Description: "Type de participant du RDV SAS"
* http://terminology.hl7.org/CodeSystem/v3-ParticipationType#ADM

* ^experimental = false
