"""Contains all the data models used in inputs/outputs"""

from .agent_class_create import AgentClassCreate
from .agent_class_read import AgentClassRead
from .agent_class_update import AgentClassUpdate
from .agent_definition_config import AgentDefinitionConfig
from .agent_definition_config_config import AgentDefinitionConfigConfig
from .agent_definition_config_structured_output_schema_type_0 import (
    AgentDefinitionConfigStructuredOutputSchemaType0,
)
from .agent_definition_config_tools_item import AgentDefinitionConfigToolsItem
from .agent_definition_create import AgentDefinitionCreate
from .agent_definition_create_config import AgentDefinitionCreateConfig
from .agent_definition_read import AgentDefinitionRead
from .agent_definition_read_config import AgentDefinitionReadConfig
from .agent_definition_status import AgentDefinitionStatus
from .agent_definition_tools_add import AgentDefinitionToolsAdd
from .agent_definition_update import AgentDefinitionUpdate
from .agent_definition_update_config_type_0 import AgentDefinitionUpdateConfigType0
from .agent_instance_read import AgentInstanceRead
from .agent_instance_read_input import AgentInstanceReadInput
from .agent_instance_read_metrics import AgentInstanceReadMetrics
from .agent_instance_read_output_type_0 import AgentInstanceReadOutputType0
from .agent_instance_status import AgentInstanceStatus
from .deployment_create import DeploymentCreate
from .deployment_create_config import DeploymentCreateConfig
from .deployment_create_project_context import DeploymentCreateProjectContext
from .deployment_read import DeploymentRead
from .deployment_read_config import DeploymentReadConfig
from .deployment_read_project_context import DeploymentReadProjectContext
from .deployment_status import DeploymentStatus
from .deployment_update import DeploymentUpdate
from .deployment_update_config_type_0 import DeploymentUpdateConfigType0
from .deployment_update_project_context_type_0 import (
    DeploymentUpdateProjectContextType0,
)
from .execution_mode import ExecutionMode
from .grasp_analysis_create import GraspAnalysisCreate
from .grasp_analysis_create_analysis_context import GraspAnalysisCreateAnalysisContext
from .grasp_analysis_read import GraspAnalysisRead
from .grasp_analysis_read_agency_evidence import GraspAnalysisReadAgencyEvidence
from .grasp_analysis_read_analysis_context import GraspAnalysisReadAnalysisContext
from .grasp_analysis_read_governance_evidence import GraspAnalysisReadGovernanceEvidence
from .grasp_analysis_read_potential_damage_evidence import (
    GraspAnalysisReadPotentialDamageEvidence,
)
from .grasp_analysis_read_reach_evidence import GraspAnalysisReadReachEvidence
from .grasp_analysis_read_safeguards_evidence import GraspAnalysisReadSafeguardsEvidence
from .grasp_analysis_status import GraspAnalysisStatus
from .grasp_analysis_summary import GraspAnalysisSummary
from .health_status import HealthStatus
from .http_error import HTTPError
from .http_validation_error import HTTPValidationError
from .log_entry import LogEntry
from .metrics import Metrics
from .model_provider_create import ModelProviderCreate
from .model_provider_create_config import ModelProviderCreateConfig
from .model_provider_read import ModelProviderRead
from .model_provider_read_config import ModelProviderReadConfig
from .model_provider_update import ModelProviderUpdate
from .model_provider_update_config_type_0 import ModelProviderUpdateConfigType0
from .model_provider_verification import ModelProviderVerification
from .model_provider_verification_details import ModelProviderVerificationDetails
from .plan_create import PlanCreate
from .plan_create_constraints import PlanCreateConstraints
from .plan_create_response import PlanCreateResponse
from .plan_create_response_constraints import PlanCreateResponseConstraints
from .plan_create_response_state import PlanCreateResponseState
from .plan_create_state import PlanCreateState
from .plan_read import PlanRead
from .plan_read_constraints import PlanReadConstraints
from .plan_read_state import PlanReadState
from .plan_read_with_tasks import PlanReadWithTasks
from .plan_read_with_tasks_constraints import PlanReadWithTasksConstraints
from .plan_read_with_tasks_state import PlanReadWithTasksState
from .plan_status import PlanStatus
from .plan_task_create import PlanTaskCreate
from .plan_task_create_meta import PlanTaskCreateMeta
from .plan_task_read import PlanTaskRead
from .plan_task_read_enriched import PlanTaskReadEnriched
from .plan_task_read_enriched_meta import PlanTaskReadEnrichedMeta
from .plan_task_read_meta import PlanTaskReadMeta
from .plan_task_status import PlanTaskStatus
from .plan_task_update import PlanTaskUpdate
from .plan_task_update_meta_type_0 import PlanTaskUpdateMetaType0
from .plan_update import PlanUpdate
from .plan_update_constraints_type_0 import PlanUpdateConstraintsType0
from .plan_update_state_type_0 import PlanUpdateStateType0
from .provider_model import ProviderModel
from .system_prompt_create import SystemPromptCreate
from .system_prompt_create_meta_type_0 import SystemPromptCreateMetaType0
from .system_prompt_read import SystemPromptRead
from .system_prompt_read_meta_type_0 import SystemPromptReadMetaType0
from .system_prompt_status import SystemPromptStatus
from .system_prompt_storage_type import SystemPromptStorageType
from .system_prompt_update import SystemPromptUpdate
from .system_prompt_update_meta_type_0 import SystemPromptUpdateMetaType0
from .tasks_append import TasksAppend
from .tasks_append_response import TasksAppendResponse
from .tool_create import ToolCreate
from .tool_create_json_schema import ToolCreateJsonSchema
from .tool_discover_request import ToolDiscoverRequest
from .tool_read import ToolRead
from .tool_read_json_schema import ToolReadJsonSchema
from .tool_risk_level import ToolRiskLevel
from .tool_sync_request import ToolSyncRequest
from .tool_update import ToolUpdate
from .tool_update_json_schema_type_0 import ToolUpdateJsonSchemaType0
from .validation_error import ValidationError

__all__ = (
    "AgentClassCreate",
    "AgentClassRead",
    "AgentClassUpdate",
    "AgentDefinitionConfig",
    "AgentDefinitionConfigConfig",
    "AgentDefinitionConfigStructuredOutputSchemaType0",
    "AgentDefinitionConfigToolsItem",
    "AgentDefinitionCreate",
    "AgentDefinitionCreateConfig",
    "AgentDefinitionRead",
    "AgentDefinitionReadConfig",
    "AgentDefinitionStatus",
    "AgentDefinitionToolsAdd",
    "AgentDefinitionUpdate",
    "AgentDefinitionUpdateConfigType0",
    "AgentInstanceRead",
    "AgentInstanceReadInput",
    "AgentInstanceReadMetrics",
    "AgentInstanceReadOutputType0",
    "AgentInstanceStatus",
    "DeploymentCreate",
    "DeploymentCreateConfig",
    "DeploymentCreateProjectContext",
    "DeploymentRead",
    "DeploymentReadConfig",
    "DeploymentReadProjectContext",
    "DeploymentStatus",
    "DeploymentUpdate",
    "DeploymentUpdateConfigType0",
    "DeploymentUpdateProjectContextType0",
    "ExecutionMode",
    "GraspAnalysisCreate",
    "GraspAnalysisCreateAnalysisContext",
    "GraspAnalysisRead",
    "GraspAnalysisReadAgencyEvidence",
    "GraspAnalysisReadAnalysisContext",
    "GraspAnalysisReadGovernanceEvidence",
    "GraspAnalysisReadPotentialDamageEvidence",
    "GraspAnalysisReadReachEvidence",
    "GraspAnalysisReadSafeguardsEvidence",
    "GraspAnalysisStatus",
    "GraspAnalysisSummary",
    "HealthStatus",
    "HTTPError",
    "HTTPValidationError",
    "LogEntry",
    "Metrics",
    "ModelProviderCreate",
    "ModelProviderCreateConfig",
    "ModelProviderRead",
    "ModelProviderReadConfig",
    "ModelProviderUpdate",
    "ModelProviderUpdateConfigType0",
    "ModelProviderVerification",
    "ModelProviderVerificationDetails",
    "PlanCreate",
    "PlanCreateConstraints",
    "PlanCreateResponse",
    "PlanCreateResponseConstraints",
    "PlanCreateResponseState",
    "PlanCreateState",
    "PlanRead",
    "PlanReadConstraints",
    "PlanReadState",
    "PlanReadWithTasks",
    "PlanReadWithTasksConstraints",
    "PlanReadWithTasksState",
    "PlanStatus",
    "PlanTaskCreate",
    "PlanTaskCreateMeta",
    "PlanTaskRead",
    "PlanTaskReadEnriched",
    "PlanTaskReadEnrichedMeta",
    "PlanTaskReadMeta",
    "PlanTaskStatus",
    "PlanTaskUpdate",
    "PlanTaskUpdateMetaType0",
    "PlanUpdate",
    "PlanUpdateConstraintsType0",
    "PlanUpdateStateType0",
    "ProviderModel",
    "SystemPromptCreate",
    "SystemPromptCreateMetaType0",
    "SystemPromptRead",
    "SystemPromptReadMetaType0",
    "SystemPromptStatus",
    "SystemPromptStorageType",
    "SystemPromptUpdate",
    "SystemPromptUpdateMetaType0",
    "TasksAppend",
    "TasksAppendResponse",
    "ToolCreate",
    "ToolCreateJsonSchema",
    "ToolDiscoverRequest",
    "ToolRead",
    "ToolReadJsonSchema",
    "ToolRiskLevel",
    "ToolSyncRequest",
    "ToolUpdate",
    "ToolUpdateJsonSchemaType0",
    "ValidationError",
)
