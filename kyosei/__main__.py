from kyosei.cli import main

main()
