
Instance: ExamplePractitionerRoleAgregateur2
InstanceOf: FrPractitionerRoleExerciceAgregateur
Description: "Exemple 2 PractitionerRole flux agrégateur"
Usage: #example

* contained[+] = ExampleLocation3
* practitioner = Reference(ExamplePractitioner2)


* organization.identifier.type = http://interopsante.org/fhir/CodeSystem/fr-v2-0203#IDNST
* organization.identifier.system = "urn:oid:1.2.250.1.71.4.2.2"
* organization.identifier.value = "1810004421"
 
* location = Reference(ExampleLocation3)

