
Instance: ExampleSchedule1
InstanceOf: FrScheduleAgregateur
Description: "Exemple 1 ressource schedule"
Usage: #example

* actor[+] = Reference(ExamplePractitioner2)
* actor[+] = Reference(ExamplePractitionerRoleAgregateur2)


