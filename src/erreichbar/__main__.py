from erreichbar.cli.app import main

main()
