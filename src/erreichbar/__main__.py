from erreichbar.cli import main

main()
