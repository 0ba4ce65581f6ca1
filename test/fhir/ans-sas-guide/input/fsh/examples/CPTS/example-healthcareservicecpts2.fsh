
Instance: ExampleHealthcareServiceCPTS2
InstanceOf: FrHealthcareServiceAgregateurCPTS
Description: "Exemple healthcare service CPTS 2"
Usage: #example

* providedBy = Reference(ExampleOrgaCPTS2)

