
Instance: ExampleLocation2
InstanceOf: FrLocationAgregateur
Description: "Exemple 2 location flux agrégateur"
Usage: #inline

* identifier.system = "urn:oid:1.1.111.1.111.1.1.1"
* identifier.value = "2"
* identifier.type.coding = http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type#INTRN

* address.city = "AGEN"
* address.postalCode = "47000"
* address.line = "30 rue Mme DELMAS"
