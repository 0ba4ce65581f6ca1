Profile: FrHealthcareServiceAgregateurCPTS
Parent: FrHealthcareService
Id: sas-cpts-healthcareservice-aggregator
Description: "Profil dérivé de FrHealthcareService pour le cas d'usage agrégateur de la plateforme SAS - cas d'usage CPTS"

* id 1..1 MS
* providedBy 1..1 MS
* providedBy only Reference(FrOrganizationAgregateurCPTS)


