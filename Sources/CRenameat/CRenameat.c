#include "CRenameat.h"
