
Instance: ExampleLocation3
InstanceOf: FrLocationAgregateur
Description: "Exemple 3 location flux agrégateur"
Usage: #inline

* identifier.system = "urn:oid:1.1.111.1.111.1.1.1"
* identifier.value = "1"
* identifier.type.coding = http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type#INTRN

* address.city = "AGEN"
* address.postalCode = "47000"
* address.line = "1 rue Mme DELMAS"
