
Instance: ExampleScheduleSOS1
InstanceOf: FrScheduleAgregateurSOS
Description: "Exemple 1 ressource schedule sos"
Usage: #example

* actor[+] = Reference(ExampleLocationSOS1)


