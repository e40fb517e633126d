from kexie_cli.cli import main

main()
