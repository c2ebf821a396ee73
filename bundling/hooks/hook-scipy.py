# PyInstaller hook for the bundle's scipy (bundling/scipy_shim, Linux): it needs no hidden imports. scipy's own
# hook would ask for scipy._lib's extensions, which the shim does not have. The solver's C extension is added as
# a binary by the spec (bundling/contents.py, lsap_binary).
hiddenimports = []
