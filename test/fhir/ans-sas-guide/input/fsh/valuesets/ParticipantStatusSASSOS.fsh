ValueSet: ParticipantStatusSAS
Id: sas-valueset-participant-status
Title: "Statut participant RDV SAS"
Description: "Statut du participant RDV SAS"
* http://hl7.org/fhir/participationstatus#accepted "RDV accepté par le PS effecteur de soins"
* http://hl7.org/fhir/participationstatus#needs-action "RDV en attente de confirmation par le PS effecteur de soins"

* ^experimental = false