Instance: ExampleOrgaCPTS2
InstanceOf: FrOrganizationAgregateurCPTS
Description: "Exemple d'organisation CPTS 2"
Usage: #example


* identifier[0].system = "urn:oid:1.2.250.1.71.4.2.2"
* identifier[0].value = "1950046227"
* name = "CPTS VAL D OISE CENTRE"
* telecom[0].system =  #phone
* telecom[0].value = "+33139599280"
