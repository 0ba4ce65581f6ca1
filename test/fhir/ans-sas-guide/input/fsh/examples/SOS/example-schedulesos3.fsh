
Instance: ExampleScheduleSOS3
InstanceOf: FrScheduleAgregateurSOS
Description: "Exemple 3 ressource schedule sos"
Usage: #example

* actor[+] = Reference(ExampleLocationSOS3)


