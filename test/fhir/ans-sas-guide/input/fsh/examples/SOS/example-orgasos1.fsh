Instance: ExampleOrgaSOS1
InstanceOf: FrOrganizationAgregateurSOS
Description: "Exemple d'organisation SOS 1"
Usage: #example

* identifier.value = "334173748400020"
* name = "SOS Médecins de Rennes"

