from geomap.cli import main

raise SystemExit(main())
