
Instance: ExamplePractitioner
InstanceOf: FrPractitionerAgregateur
Description: "Exemple 1 practitioner flux agrégateur"
Usage: #example

* identifier.value = "810002909371"
* name.family = "Foret"
* name.given = "Pierre"
