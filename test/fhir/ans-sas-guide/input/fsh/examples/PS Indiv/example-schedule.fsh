
Instance: ExampleSchedule
InstanceOf: FrScheduleAgregateur
Description: "Exemple ressource schedule"
Usage: #example

* actor[+] = Reference(ExamplePractitioner)
* actor[+] = Reference(ExamplePractitionerRoleAgregateur)


