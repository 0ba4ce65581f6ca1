
Instance: ExampleSchedule3
InstanceOf: FrScheduleAgregateur
Description: "Exemple 3 ressource schedule"
Usage: #example

* actor[+] = Reference(ExamplePractitioner3)
* actor[+] = Reference(ExamplePractitionerRoleAgregateur4)


