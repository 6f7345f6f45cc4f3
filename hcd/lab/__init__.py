"""JupyterLab views over a finished run: the researchers' workbench (the top layer, beside :mod:`hcd.explore`).

=========================  ===========================================================
:mod:`hcd.lab.coding`      a researcher's coding session: the sample, each item in context, saved codes
:mod:`hcd.lab.coding_view` the coding widget, and agreement between researchers and the keyword rules
=========================  ===========================================================
"""
