Instance: ExampleOrgaSOS2
InstanceOf: FrOrganizationAgregateurSOS
Description: "Exemple d'organisation SOS 1"
Usage: #example

* identifier.value = "392080466300010"
* name = "SOS Médecins Lorient et agglomération"

