"""The parts of build_installer.py: what goes into the PyInstaller bundle (contents, spec), the platform package
(archive, inno), the missing-tool messages (tools), and the smoke test of a built bundle (smoke, smoke_data).

Not named ``packaging``: that is the name of a library PyInstaller and pip import, and this folder sits first on
``sys.path`` when build_installer.py runs.
"""
