ValueSet: AppointmentReasonSAS
Id: sas-valueset-appointmentreason
Title: "Appointment reason SAS"
Description: "Appointment reason SAS"
* $v2-0276#ROUTINE "Créneau avec prise de RDV possible"
* $v2-0276#WALKIN "Créneau sans prise de RDV possible à domicile"

* ^experimental = false
