"""Code suggestions learned on the coder's machine from the codebook and the coder's own codings.

Pure: no interface, no database, nothing downloaded or sent anywhere. The service
:mod:`workbench.services.suggestions` gives the engine its inputs, read through the blind rule.
"""
