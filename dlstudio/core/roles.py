"""The role each column plays (feature, label, ignored) and how a person's choice changes DataConfig.

Qt-free so the Data step's role widgets, the command line and tests share one rule set:
one label column, or several numeric ones (multi-output regression); a column is never both.
"""
from __future__ import annotations

from dataclasses import replace

from typing import TYPE_CHECKING

from .kinds import DATETIME, IDENTIFIER, MAX_CLASSES, OVERSIZED
from .spec import DataConfig

if TYPE_CHECKING:
    from .profile import ColumnProfile

FEATURE, LABEL, IGNORED = "feature", "label", "ignored"
ROLES = (FEATURE, LABEL, IGNORED)


def role_of(config: DataConfig, name: str) -> str:
    if name in config.labels:
        return LABEL
    return FEATURE if name in config.features else IGNORED


def is_numeric(profile: ColumnProfile) -> bool:
    """Numbers have statistics; text, dates, empty and constant columns do not."""
    return profile.mean is not None


def can_be_feature(profile: ColumnProfile) -> bool:
    # a numeric ID-like column can still be used if the person insists, and dates (as days since 1970);
    # text IDs cannot be encoded
    return profile.usable or profile.kind == DATETIME or (profile.kind == IDENTIFIER and is_numeric(profile))


def can_be_label(profile: ColumnProfile) -> bool:
    """A usable column or numbers; and text of too many values to one-hot encode as an input (51 species)
    that still names few enough classes, each on more than one row."""
    if profile.usable or (is_numeric(profile) and profile.kind != OVERSIZED):
        return True
    return profile.kind == IDENTIFIER and 1 < profile.unique <= MAX_CLASSES and profile.unique < profile.count


def _ordered(names: list[str], profiles: list[ColumnProfile]) -> list[str]:
    position = {p.name: i for i, p in enumerate(profiles)}
    return sorted(dict.fromkeys(names), key=lambda n: position.get(n, len(position)))


def assign_role(config: DataConfig, profiles: list[ColumnProfile], name: str, role: str,
                several_labels: bool = False) -> DataConfig:
    """``config`` with column ``name`` playing ``role``.

    A new label replaces the old one, which goes back to the features when it can be one; with
    ``several_labels`` a numeric label joins numeric labels instead (multi-output regression).
    A task override is reset when the labels change: it was a statement about the old label.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    by_name = {p.name: p for p in profiles}
    features = [c for c in config.features if c != name]
    labels = [c for c in config.labels if c != name]
    if role == FEATURE:
        features.append(name)
    elif role == LABEL:
        numeric = [c for c in labels + [name] if c in by_name and is_numeric(by_name[c])]
        if several_labels and labels and len(numeric) == len(labels) + 1:
            labels.append(name)
        else:
            features += [c for c in labels if c in by_name and can_be_feature(by_name[c])]
            labels = [name]
    labels = _ordered(labels, profiles)
    task = config.task if labels == config.labels else "auto"
    return replace(config, features=_ordered(features, profiles), labels=labels, task=task)


def single_label(config: DataConfig, profiles: list[ColumnProfile]) -> DataConfig:
    """Back to one label: the first stays, the others become features again."""
    if len(config.labels) <= 1:
        return config
    return assign_role(config, profiles, config.labels[0], LABEL)


def all_features(config: DataConfig, profiles: list[ColumnProfile]) -> DataConfig:
    """Every usable column that is not a label (ID-like and excluded columns stay out)."""
    features = [p.name for p in profiles if p.usable and p.name not in config.labels]
    return replace(config, features=features)


def no_features(config: DataConfig) -> DataConfig:
    return replace(config, features=[])
