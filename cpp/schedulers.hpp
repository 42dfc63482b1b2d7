// Every learning-rate scheduler of the core, with torch.optim.lr_scheduler's names, defaults,
// validation and arithmetic (PyTorch 2.6), acting on one shared ParamGroup.
#pragma once

#include "sched_compose.hpp"
#include "sched_cosine.hpp"
#include "sched_cyclic.hpp"
#include "sched_decay.hpp"
#include "sched_plateau.hpp"
#include "scheduler.hpp"
