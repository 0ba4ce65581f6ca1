
Instance: ExampleSchedule2
InstanceOf: FrScheduleAgregateur
Description: "Exemple 2 ressource schedule"
Usage: #example

* actor[+] = Reference(ExamplePractitioner2)
* actor[+] = Reference(ExamplePractitionerRoleAgregateur3)


