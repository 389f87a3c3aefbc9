"""A trained model with everything prediction needs: spec, preprocessing, task, settings, metrics."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from .builder import Network, build_model
from .preprocessor import Preprocessor
from .spec import DataConfig, ModelSpec, TrainConfig
from .task import TaskInfo


@dataclass
class ModelBundle:
    spec: ModelSpec
    preprocessor: Preprocessor
    task: TaskInfo
    data_config: DataConfig
    train_config: TrainConfig
    model: Network
    metrics: dict = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)
    source: str = ""  # the training data's file name

    @property
    def in_features(self) -> int:
        return self.preprocessor.width

    def fresh_model(self) -> Network:
        """The same architecture with new weights (for loading parameters without touching this one)."""
        return build_model(self.spec, self.in_features, self.task.output_width, check=False)

    def predict_raw(self, X: np.ndarray, chunk: int = 65_536) -> torch.Tensor:
        was_training = self.model.training
        self.model.eval()
        device = next(self.model.parameters(), torch.empty(0)).device
        with torch.inference_mode():
            parts = [self.model(torch.as_tensor(X[i:i + chunk], device=device)).cpu()
                     for i in range(0, len(X), chunk)]
        self.model.train(was_training)
        return torch.cat(parts) if parts else torch.empty(0, self.task.output_width)
