ValueSet: TypeConsultationSAS
Id: sas-valueset-typeconsultation
Title: "Type consultation SAS"
Description: "Type de consultations SAS"
* $v3-ActCode#AMB "Consultation au cabinet"
* $v3-ActCode#HH "Consultation à domicile"
* $v3-ActCode#VR "Téléconsultation"

* ^experimental = false