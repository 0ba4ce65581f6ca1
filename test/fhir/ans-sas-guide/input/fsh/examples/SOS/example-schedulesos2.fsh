
Instance: ExampleScheduleSOS2
InstanceOf: FrScheduleAgregateurSOS
Description: "Exemple 2 ressource schedule sos"
Usage: #example

* actor[+] = Reference(ExampleLocationSOS2)


