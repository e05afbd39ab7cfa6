from pitchlint.cli.commands import console_main

console_main()
