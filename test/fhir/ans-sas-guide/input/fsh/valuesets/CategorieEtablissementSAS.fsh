ValueSet: CategorieEtablissementSAS
Id: sas-valueset-categorieetablissement
Title: "Catégorie établissement SAS"
Description: "Catégorie d'établissement utilisée dans contexte SAS - CPTS dans un premier temps"
* https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement#604

* ^experimental = false
