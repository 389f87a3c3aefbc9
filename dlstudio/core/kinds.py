"""The names shared by the core and the window: column kinds, task kinds, losses, metrics.

No pandas, numpy or torch here, so the window can use them before any data is loaded.
"""
NUMERIC, CATEGORICAL, DATETIME, IDENTIFIER, CONSTANT, EMPTY, MIXED = (
    "numeric", "categorical", "datetime", "identifier", "constant", "empty", "mixed")
OVERSIZED = "oversized"  # numbers past float32's ±3.4e38: the network cannot hold them
USABLE_AS_FEATURE = (NUMERIC, CATEGORICAL)

REGRESSION, BINARY, MULTICLASS = "regression", "binary", "multiclass"
MAX_CLASSES = 100  # a label with more distinct values is no classification
LOSSES = {
    REGRESSION: ("mse", "l1", "smooth_l1", "huber"),
    BINARY: ("bce_logits", "bce_logits_weighted"),
    MULTICLASS: ("cross_entropy", "cross_entropy_weighted"),
}
LOSS_NAMES = {
    "mse": "MSELoss", "l1": "L1Loss", "smooth_l1": "SmoothL1Loss", "huber": "HuberLoss",
    "bce_logits": "BCEWithLogitsLoss", "bce_logits_weighted": "BCEWithLogitsLoss (pos_weight for imbalance)",
    "cross_entropy": "CrossEntropyLoss", "cross_entropy_weighted": "CrossEntropyLoss (class weights for imbalance)",
}
METRICS = {REGRESSION: ("r2", "mae", "rmse"), BINARY: ("accuracy", "f1_macro", "roc_auc"),
           MULTICLASS: ("accuracy", "f1_macro")}
