
Instance: ExamplePractitionerRegul2
InstanceOf: FrPractitionerRegul
Description: "Exemple 2 practitioner flux régulateur"
Usage: #example

* meta.source = "urn:oid:1.2.250.1.213.3.6"

* identifier.type = http://interopsante.org/fhir/CodeSystem/fr-v2-0203#IDNPS
* identifier.system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier.value = "810002673899"

* active = true
* name.family = "MARIUS"
* name.given = "Jules"
* telecom.value = "jules.marius@test.com"