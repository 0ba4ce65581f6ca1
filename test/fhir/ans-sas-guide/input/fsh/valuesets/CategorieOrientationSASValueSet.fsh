ValueSet: CategorieOrientationSASValueSet
Id:         categorie-orientation-sas-valueset
Title:     "Value set catégorie orientation SAS"
Description: "Valueset permettant de définir la catégorie d'orientation SAS. Il regroupe des codes de la TRE-R66 et du codesystem catégorie orientation SAS"

* include codes from system categorie-orientation-sas-codesystem
* https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement#604
* https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement#603
* https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement#124

* ^experimental = false
