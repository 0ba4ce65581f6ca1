
Instance: ExampleLocation
InstanceOf: FrLocationAgregateur
Description: "Exemple location flux agrégateur"
Usage: #inline

* identifier.system = "https://editeur.com"
* identifier.value = "123456789"
* identifier.type.coding = http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type#INTRN

* address.city = "Aussonne"
* address.postalCode = "31840"
* address.line = "25 CHEMIN DE MOUNESTIE"
