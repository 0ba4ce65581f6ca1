
Instance: ExamplePractitioner2
InstanceOf: FrPractitionerAgregateur
Description: "Exemple 2 practitioner flux agrégateur"
Usage: #example

* identifier.value = "810100050075"
* name.family = "THOMAS"
* name.given = "Sébastien"
