"""The core's most seen messages in the window's language. The core is Qt-free and writes English (the
command line and model.json keep it); the window finds these by their pattern and shows any other as
it is. tests/ui/test_core_words.py makes each from the core itself, so a reworded one is caught."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


def _patterns() -> list[tuple[str, str]]:
    """(the core's English as a regular expression, its translation with %s for each group), asked
    each time: the language can change while the window is open."""
    started = "the weights this run started from are kept: none of its epochs had a lower validation loss"
    return [
        (r"Finished (\d+) epoch\(s\)\.", QCoreApplication.translate("CoreWords", "Finished %s epoch(s).")),
        (r"The best epoch \((\d+)\) is kept\.", QCoreApplication.translate("CoreWords", "The best epoch (%s) is kept.")),
        (re.escape(started.capitalize() + "."), QCoreApplication.translate("CoreWords", "The weights this run started from are kept: none of its "
                                                     "epochs had a lower validation loss.")),
        (r"No better validation loss for (\d+) epochs; the best epoch \((\d+)\) is kept\.",
         QCoreApplication.translate("CoreWords", "No better validation loss for %s epochs; the best epoch (%s) is kept.")),
        (r"No better validation loss for (\d+) epochs; " + re.escape(started + "."),
         QCoreApplication.translate("CoreWords", "No better validation loss for %s epochs; the weights this run started from are kept: none of its "
             "epochs had a lower validation loss.")),
        (r"Stopped by you after (\d+) batches; the model keeps the weights trained so far\.",
         QCoreApplication.translate("CoreWords", "Stopped by you after %s batches; the model keeps the weights trained so far.")),
        (r"Stopped by you in epoch (\d+), after (\d+) of its (\d+) batches; the model keeps the weights trained so far\.",
         QCoreApplication.translate("CoreWords", "Stopped by you in epoch %s, after %s of its %s batches; the model keeps the "
                                    "weights trained so far.")),
        (r"1 output for 2 classes \(the score of '(.*?)'\)", QCoreApplication.translate("CoreWords", "1 output for 2 classes (the score of '%s')")),
        (r"(\d+) outputs for \1 classes", QCoreApplication.translate("CoreWords", "%s outputs for %s classes")),
        (r"1 output for regression of 1 column", QCoreApplication.translate("CoreWords", "1 output for regression of 1 column")),
        (r"(\d+) outputs for regression of \1 columns", QCoreApplication.translate("CoreWords", "%s outputs for regression of %s columns")),
        (r"(\d+) row\(s\) had missing numbers, filled with the training mean\.",
         QCoreApplication.translate("CoreWords", "%s row(s) had missing numbers, filled with the training mean.")),
        (r"The training split has (\d+) rows, fewer than one batch of (\d+)\.",
         QCoreApplication.translate("CoreWords", "The training split has %s rows, fewer than one batch of %s.")),
        (r"Choose a batch size of at most (\d+), or lower the validation split\.",
         QCoreApplication.translate("CoreWords", "Choose a batch size of at most %s, or lower the validation split.")),
        # why a column is left out of the features (the Data step's Note column)
        (re.escape("every value is missing"), QCoreApplication.translate("CoreWords", "every value is missing")),
        (r"one value only \((.*)\)", QCoreApplication.translate("CoreWords", "one value only (%s)")),
        (r"numbers written with signs around them \('(.*?)'\), read as text; write them as plain numbers "
         r"\(12 for 12%\) to use them",
         QCoreApplication.translate("CoreWords", "numbers written with signs around them ('%s'), read as text; write "
                                                 "them as plain numbers (12 for 12%%) to use them")),
        (re.escape("whole numbers longer than 64 bits (an ID?)"),
         QCoreApplication.translate("CoreWords", "whole numbers longer than 64 bits (an ID?)")),
        (r"mostly numbers, but '(.*?)' \(data row (\d+)\) is not a number; fix or blank such cells to use it",
         QCoreApplication.translate("CoreWords", "mostly numbers, but '%s' (data row %s) is not a number; fix or blank "
                                                 "such cells to use it")),
        (re.escape("every value is different (an ID or free text)"),
         QCoreApplication.translate("CoreWords", "every value is different (an ID or free text)")),
        (re.escape("every value is different (a row number or ID)"),
         QCoreApplication.translate("CoreWords", "every value is different (a row number or ID)")),
        (r"(\d+) different text values \(an ID or free text\)",
         QCoreApplication.translate("CoreWords", "%s different text values (an ID or free text)")),
        (r"(\d+) categories is too many to one-hot encode",
         QCoreApplication.translate("CoreWords", "%s categories is too many to one-hot encode")),
        (r"holds (\S+), past float32's ±3\.4e38 \(the network's numbers\)",
         QCoreApplication.translate("CoreWords", "holds %s, past float32's ±3.4e38 (the network's numbers)")),
        (re.escape("dates: days since 1970-01-01 when chosen as a feature"),
         QCoreApplication.translate("CoreWords", "dates: days since 1970-01-01 when chosen as a feature")),
        # how the file was read (the Data step's notices)
        (re.escape("Decimal commas detected (1,5 = 1.5); numbers were read accordingly."),
         QCoreApplication.translate("CoreWords", "Decimal commas detected (1,5 = 1.5); numbers were read accordingly.")),
        (r"Thousands separators \('(.)'\) detected and removed from numbers\.",
         QCoreApplication.translate("CoreWords", "Thousands separators ('%s') detected and removed from numbers.")),
        (re.escape("Delimiter detected: semicolon."), QCoreApplication.translate("CoreWords", "Delimiter detected: semicolon.")),
        (re.escape("Delimiter detected: tab."), QCoreApplication.translate("CoreWords", "Delimiter detected: tab.")),
        (re.escape("Delimiter detected: pipe."), QCoreApplication.translate("CoreWords", "Delimiter detected: pipe.")),
        (re.escape("The data rows end with one more (empty) field than the header has; that empty last field was "
                   "ignored (a trailing delimiter?)."),
         QCoreApplication.translate("CoreWords", "The data rows end with one more (empty) field than the header has; "
                                                 "that empty last field was ignored (a trailing delimiter?).")),
        (r"Dropped (\d+) empty unnamed column\(s\) \(a trailing delimiter\?\)\.",
         QCoreApplication.translate("CoreWords", "Dropped %s empty unnamed column(s) (a trailing delimiter?).")),
        (r"Column\(s\) (.+?) hold no values\.", QCoreApplication.translate("CoreWords", "Column(s) %s hold no values.")),
        (re.escape("The file parsed to a single column. If it should have more, check its delimiter (comma, "
                   "semicolon, tab or pipe are recognised)."),
         QCoreApplication.translate("CoreWords", "The file parsed to a single column. If it should have more, check "
                                                 "its delimiter (comma, semicolon, tab or pipe are recognised).")),
        (r"Dropped (\d+) row\(s\) with no label value\.",
         QCoreApplication.translate("CoreWords", "Dropped %s row(s) with no label value.")),
        (r"Dropped (\d+) row\(s\) with missing feature values\.",
         QCoreApplication.translate("CoreWords", "Dropped %s row(s) with missing feature values.")),
        (re.escape("regression → MSELoss (mean squared error of the numbers)"),
         QCoreApplication.translate("CoreWords", "regression → MSELoss (mean squared error of the numbers)")),
        (re.escape("binary → BCEWithLogitsLoss (one raw score, sigmoid inside the loss)"),
         QCoreApplication.translate("CoreWords", "binary → BCEWithLogitsLoss (one raw score, sigmoid inside the loss)")),
        (re.escape("multi-class → CrossEntropyLoss (one raw score per class, softmax inside the loss)"),
         QCoreApplication.translate("CoreWords", "multi-class → CrossEntropyLoss (one raw score per class, softmax inside the loss)")),
    ]


def translated(message: str) -> str:
    """``message`` with each part the window knows in its language."""
    for pattern, template in _patterns():
        message = re.sub(pattern, lambda m, t=template: t % _groups(m, t), message)
    return message


def _groups(match: re.Match, template: str) -> tuple:
    """The match's groups for the template's %s: a group a backreference repeats counts twice."""
    groups = match.groups()
    wanted = template.count("%s")
    return tuple((groups * wanted)[:wanted]) if len(groups) < wanted else groups[:wanted]
