
Instance: ExamplePractitioner3
InstanceOf: FrPractitionerAgregateur
Description: "Exemple 3 practitioner flux agrégateur"
Usage: #example

* identifier.value = "810002673899"
* name.family = "MARCEL"
* name.given = "Guillaume"
