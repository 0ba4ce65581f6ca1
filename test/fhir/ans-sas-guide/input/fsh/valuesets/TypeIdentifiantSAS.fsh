ValueSet: TypeIdentifiantSAS
Id: sas-valueset-typeidentifiant
Title: "Type identifiant SAS"
Description: "Type d'identifiant SAS"
* http://interopsante.org/fhir/CodeSystem/fr-v2-0203#IDNPS "Identifiant National de Professionnel de Santé"
* http://interopsante.org/fhir/CodeSystem/fr-v2-0203#INTRN "Identifiant interne"

* ^experimental = false